# Wrong answer in the first pass: prints the word unchanged, which the validator rejects before any second pass.
mode, word = open(0).read().split()
print(word)
