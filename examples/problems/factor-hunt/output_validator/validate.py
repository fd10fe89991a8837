# Output validator (Kattis protocol): validate.py input answer feedback_dir < answer_file. Accepts any proper
# divisor d of n (1 < d < n), so the .ans file holds one of them only as an example.
import re
import sys


def main():
    input_file, _answer_file, feedback_dir = sys.argv[1:4]
    n = int(open(input_file).read())
    output = sys.stdin.read().strip()
    if not re.fullmatch(r'[0-9]{1,20}', output):
        message, accepted = f'expected one integer, got {output[:40]!r}', False
    else:
        d = int(output)
        accepted = 1 < d < n and n % d == 0
        message = f'{d} divides {n}' if accepted else f'{d} is not a divisor of {n} between 1 and {n}'
    with open(feedback_dir + 'judgemessage.txt', 'w') as f:
        f.write(message + '\n')
    sys.exit(42 if accepted else 43)


main()
