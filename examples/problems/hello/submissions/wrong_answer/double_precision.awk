# Wrong answer: awk numbers are doubles; 4000000000000000000 - 1 rounds to 4000000000000000000.
{ printf "%d\n", $1 + $2 }
