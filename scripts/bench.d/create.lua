-- wrk: every request creates an incident through the OnlineOrNot shape (POST; the Authorization
-- header comes from wrk -H). Each title differs, as real incidents' would.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
function request()
  counter = counter + 1
  local body = '{"title":"Bench incident ' .. counter .. '","description":"Looking into it",' ..
               '"status":"INVESTIGATING","impact":"MAJOR_OUTAGE","components":{"c0":"MAJOR_OUTAGE"}}'
  return wrk.format(nil, nil, nil, body)
end
