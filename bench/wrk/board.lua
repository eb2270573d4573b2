-- wrk script for board reads: random pages or around-me of one board-period, with a bearer token.
-- Env: CAIMEI_TOKEN (access token), CAIMEI_PATH (e.g. /api/v1/boards/content-heat/periods/2031-01-01),
--      CAIMEI_SIZE (entities on the board), CAIMEI_MODE (page | around), CAIMEI_MEMBER (member prefix, bench-e).
local token = os.getenv("CAIMEI_TOKEN")
local path = os.getenv("CAIMEI_PATH")
local size = tonumber(os.getenv("CAIMEI_SIZE") or "1000")
local mode = os.getenv("CAIMEI_MODE") or "page"
local member = os.getenv("CAIMEI_MEMBER") or "bench-e"
local statuses = {}

function setup(thread)
  thread:set("id", tostring(thread))
end

function init(args)
  math.randomseed(os.time() + tonumber(string.sub(tostring({}), 8), 16) % 100000)
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Accept"] = "application/json"
end

function request()
  local p
  if mode == "around" then
    p = path .. "/entities/" .. member .. math.random(0, size - 1) .. "?around=5"
  else
    p = path .. "?offset=" .. math.random(0, math.max(0, size - 20)) .. "&limit=20"
  end
  return wrk.format("GET", p)
end

function response(status, headers, body)
  if status ~= 200 then
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("wrk-result requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    (summary.errors.status or 0), (summary.errors.connect or 0) + (summary.errors.read or 0)
      + (summary.errors.write or 0) + (summary.errors.timeout or 0)))
end
