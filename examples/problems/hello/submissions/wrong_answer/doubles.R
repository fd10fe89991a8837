# Wrong answer: R's numbers are doubles; large sums print in exponent notation (4e+09) and lose digits.
x <- scan(file("stdin"), quiet = TRUE)
cat(x[1] + x[2], "\n")
