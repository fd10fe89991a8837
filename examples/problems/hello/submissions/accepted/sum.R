# Accepted: R's numbers are doubles (53 bits), too few for 19 digits, so each number is split into a high and a
# low part of 9 digits, which doubles hold exactly, and the sum is carried by hand.
line <- readLines(file("stdin"), n = 1)
words <- strsplit(trimws(line), "[[:space:]]+")[[1]]
parts <- function(w) {
  sign <- if (startsWith(w, "-")) -1 else 1
  digits <- sub("^-", "", w)
  n <- nchar(digits)
  low <- if (n > 9) substr(digits, n - 8, n) else digits
  high <- if (n > 9) substr(digits, 1, n - 9) else "0"
  c(sign * as.numeric(high), sign * as.numeric(low))
}
x <- parts(words[1]) + parts(words[2])
# Normalise so that high and low have the same sign and |low| < 1e9.
total_sign <- if (x[1] * 1e9 + x[2] < 0) -1 else 1
high <- x[1] * total_sign
low <- x[2] * total_sign
while (low < 0) { low <- low + 1e9; high <- high - 1 }
while (low >= 1e9) { low <- low - 1e9; high <- high + 1 }
text <- if (high > 0) paste0(format(high, scientific = FALSE), formatC(low, width = 9, flag = "0", format = "f", digits = 0)) else format(low, scientific = FALSE)
cat(if (total_sign < 0 && text != "0") "-" else "", text, "\n", sep = "")
