-- Posts comments for scripts/bench/load.ts: `wrk ... -s wrk-post.lua <url> -- <bodies file> <first>`.
-- Each request is the next form body of the file (one a line, already urlencoded) with a number
-- appended, counting on from <first>, so that every body differs. wrk itself tells apart only
-- answers of 400 and above, so response() counts the answers by status (a 303 is a comment
-- written, a 200 a refusal page). done() prints wrk-report.lua's line, then
-- "WRK_POSTS <requests sent> <status>:<count> ...".
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "wrk-report.lua")
local report = done

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local bodies, first = {}, 0
sent, statuses = 0, {}

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(bodies, line) end
  end
  first = tonumber(args[2]) or 0
end

function request()
  sent = sent + 1
  local n = first + sent
  return wrk.format(nil, nil, nil, bodies[n % #bodies + 1] .. "%20" .. n)
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  report(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local line = { "WRK_POSTS", thread:get("sent") }
    for status, count in pairs(thread:get("statuses")) do
      table.insert(line, status .. ":" .. count)
    end
    io.write(table.concat(line, " "), "\n")
  end
end
