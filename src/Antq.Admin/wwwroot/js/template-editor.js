// The document template editor's colouring, written for Antq.Forms (no third-party code, nothing
// loaded from elsewhere): the textarea stays the real editor — typing, undo, selection, screen readers —
// with transparent text over a highlighted copy of the same text (aria-hidden) that scrolls with it.
// Scriban code between {{ and }} is coloured by token, HTML tags outside it; lines with errors are
// marked. Nothing here talks to the server: Blazor reads the textarea as usual.

const keywords = new Set(['if', 'else', 'elseif', 'end', 'for', 'in', 'while', 'capture', 'case', 'when', 'func', 'ret',
  'break', 'continue', 'with', 'tablerow', 'true', 'false', 'null', 'and', 'or', 'not', 'this', 'empty']);

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// [class, text] pieces of the whole source, in order.
function tokens(source) {
  const out = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    const text = open < 0 ? source.slice(at) : source.slice(at, open);
    for (const part of text.split(/(<[^>]*>)/)) if (part) out.push([part.startsWith('<') ? 'tag' : '', part]);
    if (open < 0) break;
    const close = source.indexOf('}}', open + 2);
    const end = close < 0 ? source.length : close + 2;
    out.push(['delim', source.slice(open, open + 2)]);
    const code = source.slice(open + 2, close < 0 ? source.length : close);
    const pattern = /("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)|(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(\s+|[^\sA-Za-z0-9_"']+)/g;
    let m;
    while ((m = pattern.exec(code)) !== null) {
      if (m[1] !== undefined) out.push(['str', m[1]]);
      else if (m[2] !== undefined) out.push(['num', m[2]]);
      else if (m[3] !== undefined) out.push([keywords.has(m[3]) ? 'kw' : 'var', m[3]]);
      else out.push(['op', m[4]]);
    }
    if (close >= 0) out.push(['delim', '}}']);
    at = end;
  }
  return out;
}

// One block per line (so an error line can be marked), the pieces split at line ends.
function html(source, errorLines) {
  const lines = [[]];
  for (const [cls, text] of tokens(source)) {
    text.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece) lines[lines.length - 1].push(cls ? `<span class="tpl-${cls}">${escape(piece)}</span>` : escape(piece));
    });
  }
  return lines.map((parts, i) =>
    `<span class="tpl-line${errorLines.has(i + 1) ? ' tpl-error-line' : ''}" data-line="${i + 1}">${parts.join('') || '\u200b'}</span>`).join('');
}

const state = new WeakMap();

function paint(textarea) {
  const s = state.get(textarea);
  if (!s) return;
  s.pre.innerHTML = html(textarea.value, s.errors);
  s.pre.scrollTop = textarea.scrollTop;
  s.pre.scrollLeft = textarea.scrollLeft;
}

export function attach(textarea, pre) {
  if (state.has(textarea)) { state.get(textarea).pre = pre; paint(textarea); return; }
  state.set(textarea, { pre, errors: new Set() });
  textarea.addEventListener('input', () => paint(textarea));
  textarea.addEventListener('scroll', () => { pre.scrollTop = textarea.scrollTop; pre.scrollLeft = textarea.scrollLeft; });
  paint(textarea);
}

// After Blazor set the text itself (another version, a reload): colour it again.
export function refresh(textarea, errorLines) {
  const s = state.get(textarea);
  if (!s) return;
  s.errors = new Set(errorLines || []);
  paint(textarea);
}

// The variable picker: insert at the caret (replacing a selection) as if typed, so Blazor sees it.
export function insert(textarea, text) {
  textarea.focus();
  textarea.setRangeText(text, textarea.selectionStart, textarea.selectionEnd, 'end');
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

// An error in the list: put the caret at its line and column.
export function goTo(textarea, line, column) {
  const lines = textarea.value.split('\n');
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
  offset += Math.max(0, (column || 1) - 1);
  textarea.focus();
  textarea.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 18;
  textarea.scrollTop = Math.max(0, (line - 4) * lineHeight);
}
