-- wrk script: the same small chat-completions request for every call. The bearer token comes from
-- the environment (SOCRA_BENCH_TOKEN), so it never appears on a command line.
wrk.method = "POST"
wrk.body = '{"model":"default","max_tokens":64,"messages":['
  .. '{"role":"system","content":"You are terse."},'
  .. '{"role":"user","content":"Say hello in one short sentence."}]}'
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("SOCRA_BENCH_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
