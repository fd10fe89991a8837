-- Compile error: `function` without `end`.
local function sum(a, b)
  return a + b
local a, b = io.read("n", "n")
print(sum(a, b))
