-- wrk: every request GETs one of the paths listed in $BENCH_PATHS (one per line), chosen at random,
-- so that a run touches each of them many times. The credential header comes from wrk -H.
local paths = {}
function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
