# Compile error: the if statement lacks its colon, so byte-compiling fails with a SyntaxError.
a, b = map(int, input().split())
if a + b == b + a
    print(a + b)
