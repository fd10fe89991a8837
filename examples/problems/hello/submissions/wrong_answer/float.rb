# Wrong answer: floats print as "7.0", and lose digits past 2^53.
a, b = gets.split.map(&:to_f)
puts a + b
