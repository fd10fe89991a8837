;;; Accepted: Lisp integers are unbounded (bignums).
(let ((a (read)) (b (read)))
  (format t "~d~%" (+ a b)))
