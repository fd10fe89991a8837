# Time limit exceeded: asks one question, reads the reply, then spins in an endless busy loop without ever answering.
import sys

print('?', 500000000, flush=True)
reply = sys.stdin.readline()
spins = 0
while True:
    spins = (spins + 1) % 1000003
