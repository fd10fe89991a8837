from functools import reduce
import operator
import sys

tokens = iter(sys.stdin.read().split())
count = int(next(tokens))
values = [int(next(tokens)) for _ in range(count)]
print(reduce(operator.add, values, 0))
