-- Reads a page as many readers, each with their own cookies, for scripts/bench/load.ts:
-- `wrk ... -s wrk-cookies.lua <url> -- <cookies file>`. Each request carries the next line of
-- the file as its Cookie header, in turn: a file of 16 lines is 16 readers, whichever
-- connection sends their request. done() prints wrk-report.lua's line.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "wrk-report.lua")

local requests, turn = {}, 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      local headers = {}
      for name, value in pairs(wrk.headers) do headers[name] = value end
      headers["Cookie"] = line
      table.insert(requests, wrk.format(nil, nil, headers))
    end
  end
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end
