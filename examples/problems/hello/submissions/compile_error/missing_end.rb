# Compile error: `def` without `end`.
def sum(a, b)
  a + b
a, b = gets.split.map(&:to_i)
puts sum(a, b)
