# Accepted: encodes by shifting each letter one place forward (z wraps to a), decodes by shifting it back.
mode, word = open(0).read().split()
step = 1 if mode == 'encode' else -1
print(''.join(chr((ord(c) - 97 + step) % 26 + 97) for c in word))
