-- wrk script for the evaluate route and its hello ceiling (bench/README.md "Evaluate against the hello ceiling"):
-- POSTs the JSON body in $BODY_FILE, with "Authorization: Bearer $TOKEN" when TOKEN is set. wrk is a C client:
-- it takes far less CPU per request than bench/Antq.Load, which shares the same cores as the server.
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token and #token > 0 then wrk.headers["Authorization"] = "Bearer " .. token end
