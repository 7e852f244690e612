// Buttons of the Vietnamese reconnect display (Components/Layout/ReconnectModal.razor).
document.addEventListener('click', async (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    if (target.id === 'antq-reconnect-reload') { location.reload(); return; }
    if (target.id !== 'antq-reconnect-retry') return;
    try {
        // Blazor.reconnect() resolves false when the server no longer knows the circuit: reload then.
        const resumed = window.Blazor && (await (window.Blazor.resumeCircuit ? window.Blazor.resumeCircuit() : window.Blazor.reconnect()));
        if (!resumed) location.reload();
    } catch { location.reload(); }
});
