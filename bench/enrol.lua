-- wrk script: each request enrols a fresh person (registered in the same request), with a
-- valid national ID (check digit computed here), so every request is a durable write that
-- succeeds. The IDs start from a base the script is given, distinct per thread. With a
-- third argument "key" each request also carries an Idempotency-Key of its own (a phone's
-- queued write), which the server keeps with the write and stores the answer under.
--   wrk -s bench/enrol.lua … -- TOKEN BASE [key]
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
	thread:set("id", thread_id)
	thread_id = thread_id + 1
	table.insert(threads, thread)
end

function init(args)
	token = args[1]
	base = tonumber(args[2])
	keyed = args[3] == "key"
	prefix = base + id * 10000000
end

local function natid(d12)
	local s = string.format("%012d", d12)
	local sum = 0
	for i = 1, 12 do
		sum = sum + tonumber(s:sub(i, i)) * (14 - i)
	end
	return s .. tostring((11 - sum % 11) % 10)
end

function request()
	counter = counter + 1
	local id = natid(prefix + counter)
	local body = '{"person":{"id":"' .. id .. '","first_th":"ทดสอบ","last_th":"ความเร็ว",' ..
		'"birth_date":"1990-01-01","thai":true,"village":75030702},"option":1,' ..
		'"date":"2025-12-01"}'
	local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}
	if keyed then
		headers["Idempotency-Key"] = '"enrol-' .. id .. '"'
	end
	return wrk.format("POST", "/api/v1/enrolments", headers, body)
end

local errors = 0
function response(status, headers, body)
	if status ~= 201 then
		errors = errors + 1
		if errors <= 3 then
			io.stderr:write("enrol: status " .. status .. " " .. body .. "\n")
		end
	end
end
