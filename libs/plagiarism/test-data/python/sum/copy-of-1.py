import sys

# add up the numbers
def solve():
  words = sys.stdin.read().split()
  k = int(words[0])   # how many
  acc = 0
  for j in range(1, k + 1):
    acc += int(words[j])
  print(acc)

solve()
