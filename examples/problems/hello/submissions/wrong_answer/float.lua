-- Wrong answer: adding 0.0 makes a float, which prints as "7.0".
local a, b = io.read("n", "n")
print(a + b + 0.0)
