# Multi-pass output validator (Kattis protocol): validate.py input answer feedback_dir < output.
# Pass 1 (input `encode w`): the output must be a different word of the same length; it becomes the input of
# pass 2 through nextpass.in. Pass 2 (input `decode x`): the output must be w, the word in the answer file.
# judgemessage.txt is appended to, since the feedback folder persists between passes.
import re
import sys


def finish(feedback_dir, message, accepted):
    with open(feedback_dir + 'judgemessage.txt', 'a') as f:
        f.write(message + '\n')
    sys.exit(42 if accepted else 43)


def main():
    input_file, answer_file, feedback_dir = sys.argv[1:4]
    mode, word = open(input_file).read().split()
    original = open(answer_file).read().strip()
    output = sys.stdin.read().strip()
    if not re.fullmatch(r'[a-z]+', output):
        finish(feedback_dir, f'{mode}: expected a word of lowercase letters, got {output[:50]!r}', False)
    if mode == 'encode':
        if len(output) != len(word) or output == word:
            finish(feedback_dir, f'encode: {output!r} is not a different word of length {len(word)}', False)
        with open(feedback_dir + 'nextpass.in', 'w') as f:
            f.write(f'decode\n{output}\n')
        finish(feedback_dir, f'encode: {word} became {output}', True)
    if output != original:
        finish(feedback_dir, f'decode: expected {original}, got {output[:50]}', False)
    finish(feedback_dir, f'decode: {word} became {original}', True)


main()
