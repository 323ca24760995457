-- wrk script of the soak (bench/soak.sh): a mix of reads and durable writes, each request one
-- that succeeds (2xx) on the demo database, so any other status is an error. Of 100 requests,
-- drawn at random per request:
--   30  GET /reports/asof        a province, district or subdistrict of 75, one of four days
--   10  GET /reports/attainment  FY2562, province 75 by district or a district by subdistrict
--    5  GET /targets             FY2562, province 75 or a district
--   20  GET /persons/{id}        a person of the demo (journaled "person.read": a commit)
--    7  GET /persons?q=&area=    a name in a village of districts 7501 and 7502 (journaled)
--    3  GET /reports/lapsed      the first page of a subdistrict of 7501 or 7502 (journaled)
--   10  POST /enrolments         a fresh person, registered in the same request, in a village
--                                of Amphawa (7503), option 1 from 2025-01-01 (as bench/enrol.lua)
--   15  POST /payments           one month of 2025 (70 baht, paid on its first day) of a person
--                                this thread enrolled earlier in the run (201 seen); until one
--                                is, an enrolment is sent instead
-- The fresh persons go to Amphawa and the name searches and lapsed lists are of the other two
-- districts, so that the cost of those reads does not grow with the soak's own writes.
--
--   SOAK_RATE=R wrk -t T -c C -d D -s bench/soak.lua URL -- TOKEN DATA_DIR SEGMENT T
--
-- SOAK_RATE (requests/s over all threads; absent or 0: unpaced) must be in the environment,
-- as wrk decides whether the script has a delay() before it passes any argument. When paced,
-- each thread keeps a schedule of its share of R from its first request (slot k at
-- t0 + k / (R / T)); delay() holds each connection's next request until the next slot, read
-- on CLOCK_MONOTONIC, and a slot already past is sent at once: open loop as far as wrk's
-- closed connections allow. A request sent more than 10 ms after its slot is counted "late".
-- DATA_DIR holds persons.txt (IDs), search.txt and enrol.txt (village codes), lapsed.txt
-- (subdistrict codes). SEGMENT (0, 1, …) keeps the fresh IDs and the receipts of one wrk run
-- apart from those of the others on the same database; T again, the number of threads (a
-- thread's own state does not know it). done() prints one line "SOAK k=v …" for bench/soak.sh.
local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } soak_timespec;
int clock_gettime(int clk_id, soak_timespec *tp);
]])
local CLOCK_MONOTONIC = 1
local ts = ffi.new("soak_timespec")

local function now_ms()
	ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
	return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("SOAK_RATE") or "0") or 0

-- Main state: the threads, read back in done().
local threads = {}
local n_threads = 0

function setup(thread)
	thread:set("id", n_threads)
	n_threads = n_threads + 1
	table.insert(threads, thread)
end

-- Per thread (each thread has its own Lua state).
local kinds = { "asof", "attainment", "targets", "person", "search", "lapsed", "enrol", "pay" }
local weights = { 30, 10, 5, 20, 7, 3, 10, 15 }
sent = {}
for _, k in ipairs(kinds) do
	sent[k] = 0
end
bad = 0
late = 0
lag_max = 0
enrolled = 0

local token, headers_get, headers_post
local persons, search_villages, enrol_villages, lapsed_areas = {}, {}, {}, {}
local prefix, counter, receipt_tag, receipts = 0, 0, "", 0
local payable, pay_head = {}, 1 -- persons enrolled here: { id, months paid }
local interval, t0, slot = 0, nil, 0

local function lines(path)
	local t = {}
	local f = assert(io.open(path, "r"), "soak.lua: cannot open " .. path)
	for l in f:lines() do
		if l ~= "" then
			table.insert(t, l)
		end
	end
	f:close()
	assert(#t > 0, "soak.lua: nothing in " .. path)
	return t
end

local function urlencode(s)
	return (s:gsub("[^%w%-%._~]", function(c)
		return string.format("%%%02X", c:byte())
	end))
end

local names = {}
for _, n in ipairs({ "สม", "รัตนา", "ทอง", "มาลี", "ชัย", "ศรี", "สุ", "วงศ์" }) do
	table.insert(names, urlencode(n))
end
local asof_areas = { "75", "7501", "7502", "7503", "750101", "750201", "750301" }
local asof_days = { "2019-10-31", "2019-09-30", "2022-06-30", "2025-12-31" }

function init(args)
	token = args[1]
	local dir = args[2]
	local segment = tonumber(args[3])
	local n_thr = tonumber(args[4])
	persons = lines(dir .. "/persons.txt")
	search_villages = lines(dir .. "/search.txt")
	enrol_villages = lines(dir .. "/enrol.txt")
	lapsed_areas = lines(dir .. "/lapsed.txt")
	-- Fresh IDs 4xxxxxxxxxxxC: the demo has none starting with 4. 10^8 per thread and run.
	local space = segment * n_thr + id
	assert(space < 1000, "soak.lua: too many segments × threads for the ID space")
	prefix = 400000000000 + space * 100000000
	receipt_tag = string.format("soak-%d-%d-", segment, id)
	headers_get = { ["Authorization"] = "Bearer " .. token }
	headers_post = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
	math.randomseed(1000 * segment + id + 1)
	if rate > 0 then
		interval = 1000 * n_thr / rate
	end
end

local function natid(d12)
	local s = string.format("%012d", d12)
	local sum = 0
	for i = 1, 12 do
		sum = sum + tonumber(s:sub(i, i)) * (14 - i)
	end
	return s .. tostring((11 - sum % 11) % 10)
end

local function pick(t)
	return t[math.random(#t)]
end

local function get(path)
	return wrk.format("GET", path, headers_get)
end

local function enrol()
	counter = counter + 1
	local body = '{"person":{"id":"' .. natid(prefix + counter) ..
		'","first_th":"ทดสอบ","last_th":"ยืนระยะ","birth_date":"1990-01-01","thai":true,' ..
		'"village":' .. pick(enrol_villages) .. '},"option":1,"date":"2025-01-01"}'
	sent.enrol = sent.enrol + 1
	return wrk.format("POST", "/api/v1/enrolments", headers_post, body)
end

-- One month of 2025 of the oldest person enrolled here with months left; each person pays
-- January to December in turn, each month once.
local function pay()
	local p = payable[pay_head]
	if p == nil then
		return enrol()
	end
	p[2] = p[2] + 1
	if p[2] == 12 then
		payable[pay_head] = nil
		pay_head = pay_head + 1
	end
	receipts = receipts + 1
	local m = string.format("2025-%02d", p[2])
	local body = '{"id":"' .. p[1] .. '","months":"' .. m .. '","amount":70,"date":"' .. m ..
		'-01","channel":"counter","receipt":"' .. receipt_tag .. receipts .. '"}'
	sent.pay = sent.pay + 1
	return wrk.format("POST", "/api/v1/payments", headers_post, body)
end

local builders = {
	asof = function()
		return get("/api/v1/reports/asof?date=" .. pick(asof_days) .. "&area=" .. pick(asof_areas))
	end,
	attainment = function()
		if math.random(2) == 1 then
			return get("/api/v1/reports/attainment?fy=2562&area=75&level=district&date=2019-09-30")
		end
		return get("/api/v1/reports/attainment?fy=2562&area=" .. pick({ "7501", "7502", "7503" }) ..
			"&level=subdistrict&date=2019-09-30")
	end,
	targets = function()
		return get("/api/v1/targets?fy=2562&date=2019-09-30&area=" ..
			pick({ "75", "7501", "7502", "7503" }))
	end,
	person = function()
		return get("/api/v1/persons/" .. pick(persons))
	end,
	search = function()
		return get("/api/v1/persons?q=" .. pick(names) .. "&area=" .. pick(search_villages))
	end,
	lapsed = function()
		return get("/api/v1/reports/lapsed?area=" .. pick(lapsed_areas))
	end,
	enrol = enrol,
	pay = pay,
}

local total_weight = 0
for _, w in ipairs(weights) do
	total_weight = total_weight + w
end

function request()
	local r = math.random(total_weight)
	for i, w in ipairs(weights) do
		if r <= w then
			local k = kinds[i]
			if k ~= "enrol" and k ~= "pay" then
				sent[k] = sent[k] + 1
			end
			return builders[k]()
		end
		r = r - w
	end
end

if rate > 0 then
	function delay()
		local now = now_ms()
		if t0 == nil then
			t0 = now
		end
		slot = slot + 1
		local due = t0 + slot * interval
		if due >= now then
			return math.floor(due - now)
		end
		local lag = now - due
		if lag > 10 then
			late = late + 1
		end
		if lag > lag_max then
			lag_max = lag
		end
		return 0
	end
end

function response(status, headers, body)
	if status < 200 or status > 299 then
		bad = bad + 1
		if bad <= 3 then
			io.stderr:write("soak: status " .. status .. " " .. body:sub(1, 300) .. "\n")
		end
		return
	end
	if status == 201 then
		-- An enrolment answers with the person's page; a payment with its ledger.
		local loc = headers["Location"] or headers["location"]
		local pid = loc and loc:match("^/api/v1/persons/(%d+)$")
		if pid then
			enrolled = enrolled + 1
			table.insert(payable, { pid, 0 })
		end
	end
end

function done(summary, latency, requests)
	local e = summary.errors
	local n = { bad = 0, late = 0, enrolled = 0 }
	local lag = 0
	local mix = {}
	for _, k in ipairs(kinds) do
		mix[k] = 0
	end
	for _, t in ipairs(threads) do
		n.bad = n.bad + t:get("bad")
		n.late = n.late + t:get("late")
		n.enrolled = n.enrolled + t:get("enrolled")
		lag = math.max(lag, t:get("lag_max"))
		local s = t:get("sent")
		for _, k in ipairs(kinds) do
			mix[k] = mix[k] + s[k]
		end
	end
	local line = string.format(
		"SOAK requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d " ..
		"p50_us=%d p90_us=%d p99_us=%d max_us=%d late=%d lag_max_ms=%.0f enrolled=%d",
		summary.requests, summary.duration, n.bad, e.connect, e.read, e.write, e.timeout,
		latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
		n.late, lag, n.enrolled)
	for _, k in ipairs(kinds) do
		line = line .. string.format(" sent_%s=%d", k, mix[k])
	end
	io.write(line .. "\n")
end
