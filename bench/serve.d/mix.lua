-- wrk script for bench/serve: requests the paths of the file named by
-- $WRK_PATHS in turn (each thread from its own place), and prints one
-- RESULT line: requests, p50 ms, p99 ms, mean ms, seconds, errors.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  paths[#paths + 1] = line
end
local i = 0
setup = function(thread)
  thread:set("start", math.random(#paths))
end
init = function(args)
  i = start or 1
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %.3f %.3f %.3f %d\n",
    summary.requests, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000,
    summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout))
end
