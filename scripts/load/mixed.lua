-- wrk script of the load test (scripts/load-test.sh): a mixed read/write workload of a joint
-- audit team's day, against one server on loopback. The ids come from the file named by
-- LOAD_IDS ("site ID", "contract ID", "country CC", "token T" lines), written by the script.
--
-- Mix (per 100 requests): 55 site lookups, 10 country risk pages, 10 registry pages by country,
-- 5 contract chains, 10 matches of 3 candidate sites, 10 writes: PUT of one of the script's own
-- 50 load-test sites with alternating content, so the store changes but does not grow.
-- LOAD_MIX=lookup sends only the site lookups (the comparison with a bare handler);
-- LOAD_MIX=nomatch sends site lookups instead of the matches (to tell their cost apart).

local sites, contracts, countries = {}, {}, {}
local token = ""
local only_lookups = os.getenv("LOAD_MIX") == "lookup"
local no_matches = os.getenv("LOAD_MIX") == "nomatch"
local counter = 0

function init(args)
  for line in io.lines(os.getenv("LOAD_IDS")) do
    local kind, value = line:match("^(%S+) (%S+)$")
    if kind == "site" then sites[#sites + 1] = value
    elseif kind == "contract" then contracts[#contracts + 1] = value
    elseif kind == "country" then countries[#countries + 1] = value
    elseif kind == "token" then token = value end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

local function pick(list) return list[math.random(#list)] end

local function get(path)
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end

local function send_json(method, path, body)
  return wrk.format(method, path, {["Authorization"] = "Bearer " .. token,
                                   ["Content-Type"] = "application/json"}, body)
end

function request()
  counter = counter + 1
  local roll = only_lookups and 0 or math.random(100)
  if roll <= 55 then
    return get("/v1/sites/" .. pick(sites))
  elseif roll <= 65 then
    return get("/v1/risk/countries/" .. pick(countries))
  elseif roll <= 75 then
    return get("/v1/sites?country=" .. pick(countries) .. "&limit=50")
  elseif roll <= 80 then
    return get("/v1/contracts/" .. pick(contracts) .. "/chain")
  elseif roll <= 90 and no_matches then
    return get("/v1/sites/" .. pick(sites))
  elseif roll <= 90 then
    local body = '{"sites":[{"name":"Example Weaving Mills","country":"BD"},' ..
                 '{"name":"Example Granite Quarry","country":"IN","lat":12.9,"lon":78.1},' ..
                 '{"id":"' .. pick(sites) .. '"}]}'
    return send_json("POST", "/v1/sites/match", body)
  else
    local n = math.random(50)
    local sector = (counter % 2 == 0) and "manufacture_of_textiles" or "manufacture_of_wearing_apparel"
    local body = string.format('{"name":"Load test site %d (fictional)","country":"BD",' ..
                               '"sector":"%s","role":"factory","lat":23.8,"lon":90.4}', n, sector)
    return send_json("PUT", "/v1/sites/LOADTEST-" .. n, body)
  end
end
