# Wrong answer in the second pass: saves the word in /tmp while encoding and reads it back while decoding, but every
# pass is a fresh run whose /tmp starts empty, so it prints "lost".
import os

mode, word = open(0).read().split()
if mode == 'encode':
    with open('/tmp/relay-word', 'w') as f:
        f.write(word)
    print(''.join('b' if c == 'a' else 'a' for c in word))
else:
    print(open('/tmp/relay-word').read() if os.path.exists('/tmp/relay-word') else 'lost')
