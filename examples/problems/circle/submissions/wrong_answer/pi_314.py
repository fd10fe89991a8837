# Wrong answer: uses 3.14 for pi, a relative error of about 5e-4, far more than the allowed 1e-6 (already wrong on the sample).
r = float(input())
print('%.10f' % (3.14 * r * r))
