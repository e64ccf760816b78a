-- wrk script for scripts/soak: a steady mix of reads and writes through both API shapes against the
-- demo fixtures. Each connection waits `pace` ms (first script argument) between requests, so the rate
-- is about connections * 1000 / (pace + latency). Every reply that is not 2xx is counted (wrk itself
-- only counts socket errors), and the first few are printed.
--
-- Of each 12 requests, 3 are writes: an incident created or changed in each shape, a timeline entry.

local oonPage = "/v1/status_pages/a1b2c3d4"
local uioPage = "/api/projects/660e8400-e29b-41d4-a716-446655440001/status-pages/550e8400-e29b-41d4-a716-446655440000"
local monitor = "770e8400-e29b-41d4-a716-446655440010"
local oonHeaders = { ["Authorization"] = "Bearer 123", ["Content-Type"] = "application/json" }
local uioHeaders = { ["X-API-Key"] = "YOUR_API_KEY", ["Content-Type"] = "application/json" }
local oonStatuses = { "IDENTIFIED", "MONITORING", "RESOLVED", "INVESTIGATING" }
local uioStatuses = { "identified", "monitoring", "resolved", "investigating" }

local threads = {}
local pace = 20
local step = 0
local made = 0
local oonIds, uioIds = {}, {}

-- Per-thread counters, read by done() through thread:get.
replies = 0
non2xx = 0
samples = ""

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    pace = tonumber(args[1] or "20")
end

function delay()
    return pace
end

local function remember(ids, id)
    table.insert(ids, id)
    if #ids > 50 then table.remove(ids, 1) end
end

local function recent(ids)
    return ids[math.random(#ids)]
end

local function oonCreate()
    made = made + 1
    return wrk.format("POST", oonPage .. "/incidents", oonHeaders, string.format(
        '{"title":"Soak %d","description":"Created by scripts/soak","status":"INVESTIGATING","impact":"PARTIAL_OUTAGE",'
        .. '"components":[{"id":"property1","status":"DEGRADED_PERFORMANCE"}]}', made))
end

local function uioCreate()
    made = made + 1
    return wrk.format("POST", uioPage .. "/incidents", uioHeaders, string.format(
        '{"title":"Soak %d","message":"Created by scripts/soak","severity":"minor","affected_monitor_ids":["%s"]}',
        made, monitor))
end

local requests = {
    function() return wrk.format("GET", oonPage, oonHeaders) end,
    function() return wrk.format("GET", oonPage .. "/incidents?page=1&per_page=20", oonHeaders) end,
    function() return oonCreate() end,
    function() return wrk.format("GET", uioPage .. "/incidents?limit=20&sort_order=desc", uioHeaders) end,
    function()
        if #oonIds == 0 then return oonCreate() end
        return wrk.format("GET", oonPage .. "/incidents/" .. recent(oonIds), oonHeaders)
    end,
    function() return uioCreate() end,
    function() return wrk.format("GET", "/healthz") end,
    function()
        if #uioIds == 0 then return uioCreate() end
        return wrk.format("GET", uioPage .. "/incidents/" .. recent(uioIds), uioHeaders)
    end,
    function()
        if #oonIds == 0 then return oonCreate() end
        local body = string.format('{"status":"%s","description":"Soak update"}', oonStatuses[math.random(4)])
        return wrk.format("POST", oonPage .. "/incidents/" .. recent(oonIds) .. "/updates", oonHeaders, body)
    end,
    function() return wrk.format("GET", oonPage .. "/incidents?page=2&per_page=5&search=soak", oonHeaders) end,
    function()
        if #uioIds == 0 then return uioCreate() end
        return wrk.format("GET", uioPage .. "/incidents/" .. recent(uioIds) .. "/updates?limit=10", uioHeaders)
    end,
    function() return wrk.format("GET", oonPage .. "/components", oonHeaders) end,
}

function request()
    step = step + 1
    return requests[step % #requests + 1]()
end

function response(status, headers, body)
    replies = replies + 1
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        if non2xx <= 3 then samples = samples .. status .. " " .. string.sub(body or "", 1, 160) .. "\n" end
        return
    end
    if status == 201 and body then
        -- Only incident creations carry these: a timeline entry has no latest_update or incident key.
        local oon = string.match(body, '^{"result":{"id":"([^"]+)".-"latest_update"')
        if oon then remember(oonIds, oon) end
        local uio = string.match(body, '"data":{"incident":{"id":"([^"]+)"')
        if uio then remember(uioIds, uio) end
    end
end

function done(summary, latency, requests)
    local total, bad, shown = 0, 0, ""
    for _, thread in ipairs(threads) do
        total = total + thread:get("replies")
        bad = bad + thread:get("non2xx")
        shown = shown .. thread:get("samples")
    end
    local e = summary.errors
    io.write(string.format("soak: %d replies, %d not 2xx; socket errors connect %d read %d write %d timeout %d\n",
        total, bad, e.connect, e.read, e.write, e.timeout))
    io.write(string.format("soak: latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
    if shown ~= "" then io.write("soak: first bad replies:\n" .. shown) end
end
