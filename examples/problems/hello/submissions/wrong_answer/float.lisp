;;; Wrong answer: a float prints as "7.0" and loses digits.
(let ((a (read)) (b (read)))
  (format t "~a~%" (float (+ a b) 1d0)))
