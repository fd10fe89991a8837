# Accepted: awk numbers are doubles (53 bits), too few for 19 digits, so the sum is done on the decimal
# strings, the way it is done on paper.
function magnitude_cmp(x, y) {
  if (length(x) != length(y)) return length(x) < length(y) ? -1 : 1
  return x < y ? -1 : (x > y ? 1 : 0)
}
function add(x, y,    r, carry, i, j, d) {
  r = ""; carry = 0
  j = length(y)
  for (i = length(x); i > 0 || j > 0 || carry; i--) {
    d = (i > 0 ? substr(x, i, 1) + 0 : 0) + (j > 0 ? substr(y, j, 1) + 0 : 0) + carry
    carry = int(d / 10); r = (d % 10) r; j--
  }
  return r
}
function subtract(x, y,    r, borrow, i, j, d) {
  r = ""; borrow = 0
  j = length(y)
  for (i = length(x); i > 0; i--) {
    d = substr(x, i, 1) - (j > 0 ? substr(y, j, 1) : 0) - borrow
    borrow = d < 0; if (d < 0) d += 10
    r = d r; j--
  }
  sub(/^0+/, "", r)
  return r == "" ? "0" : r
}
{
  sa = substr($1, 1, 1) == "-"; a = sa ? substr($1, 2) : $1
  sb = substr($2, 1, 1) == "-"; b = sb ? substr($2, 2) : $2
  if (sa == sb) { m = add(a, b); neg = sa }
  else if (magnitude_cmp(a, b) >= 0) { m = subtract(a, b); neg = sa }
  else { m = subtract(b, a); neg = sb }
  print (neg && m != "0" ? "-" : "") m
}
