-- Posts comments for scripts/bench/load.ts: `wrk ... -s wrk-post.lua <url> -- <bodies file> <first> [<rate>]`.
-- Each request is the next form body of the file (one a line, already urlencoded) with a number
-- appended, counting on from <first>, so that every body differs. wrk itself tells apart only
-- answers of 400 and above, so response() counts the answers by status (a 303 is a comment
-- written, a 200 a refusal page). done() prints wrk-report.lua's line, then
-- "WRK_POSTS <requests sent> <status>:<count> ...".
--
-- With a <rate> (posts a second, per wrk thread: run it with -t1), the posts go out on a fixed
-- schedule, slot k at start + k / rate, whatever the answers: a connection that is free asks
-- delay() for the next slot and waits for it. When every connection is waiting for an answer,
-- the next slot passes with no one to send it, and the post goes out late, when a connection is
-- answered: the run is then closed-loop, and its latencies (counted from the send, not the slot)
-- understate the wait. done() then also prints
-- "WRK_PACE <rate> <slots due> <late> <busy> <latest ms>": the slots due by the end of the run;
-- those whose post went out more than LATE_MS after them, or not at all; of those, the ones no
-- connection was free for (the rest waited on wrk itself: on a busy machine its timers fire
-- late); and the latest send, in ms after its slot.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "wrk-report.lua")
local report = done

local LATE_MS = 10

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  -- wrk calls request() once on its first thread to check the request, before sending anything.
  thread:set("checking", #threads == 1)
end

-- A monotonic clock in milliseconds (wrk's Lua is LuaJIT: its ffi calls clock_gettime).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } picket_timespec;
  int clock_gettime(int clock, picket_timespec *now);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("picket_timespec")
local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local bodies, first = {}, 0
sent, statuses = 0, {}
-- The schedule (with a rate): the first slot's time, the slots handed out, and those handed out
-- but not yet sent, in order (a queue from head to tail).
rate, start, slots, late, busy, latest = nil, nil, 0, 0, 0, 0
local interval, pending, head, tail = nil, {}, 1, 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(bodies, line) end
  end
  first = tonumber(args[2]) or 0
  rate = tonumber(args[3])
  if rate and rate > 0 then
    interval = 1000 / rate
    -- wrk delays every request when the script has a delay(), so it is defined only with a rate.
    function delay()
      local now = now_ms()
      start = start or now
      local slot = start + slots * interval
      slots = slots + 1
      if now - slot > LATE_MS then busy = busy + 1 end
      tail = tail + 1
      pending[tail] = slot
      -- wrk takes whole milliseconds and sends once they have passed.
      return math.max(0, math.ceil(slot - now))
    end
  end
end

function request()
  if checking then
    checking = false
    return wrk.format(nil, nil, nil, bodies[1])
  end
  sent = sent + 1
  -- Slots are handed out in order and come due in order: this send is the earliest one waiting.
  if head <= tail then
    local behind = now_ms() - pending[head]
    pending[head] = nil
    head = head + 1
    if behind > LATE_MS then late = late + 1 end
    if behind > latest then latest = behind end
  end
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
  -- Slots that came due more than LATE_MS before the end of the run (its duration after the
  -- schedule's start, which is the threads' start within a millisecond or two) but were never
  -- handed out: every connection was still waiting for an answer at the end. They are late too.
  for _, thread in ipairs(threads) do
    local rate, start = thread:get("rate"), thread:get("start")
    if rate and start then
      local slots, late, busy, latest = thread:get("slots"), thread:get("late"), thread:get("busy"), thread:get("latest")
      local ms = summary.duration / 1000
      local due = math.floor((ms - LATE_MS) * rate / 1000) + 1
      if due > slots then
        late, busy = late + due - slots, busy + due - slots
        latest = math.max(latest, ms - slots * 1000 / rate)
      end
      io.write(string.format("WRK_PACE %g %d %d %d %.1f\n", rate, due, late, busy, latest))
    end
  end
end
