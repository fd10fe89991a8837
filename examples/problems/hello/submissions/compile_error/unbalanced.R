# Compile error: an unbalanced parenthesis (the parse fails before any test runs).
x <- scan(file("stdin"), quiet = TRUE
cat(x[1] + x[2], "\n")
