# Time limit exceeded in the second pass: encodes at once, then loops forever when asked to decode. Each pass has
# the full time limit, so the first one passes.
mode, word = open(0).read().split()
if mode == 'encode':
    print(''.join('b' if c == 'a' else 'a' for c in word))
else:
    while True:
        pass
