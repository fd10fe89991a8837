-- Accepted: Lua 5.4 reads integers as 64-bit integers, enough for |a + b| <= 8e18.
local a, b = io.read("n", "n")
print(a + b)
