;;; Compile error: the let form is never closed (a read error at compile time).
(let ((a (read)) (b (read)))
  (format t "~d~%" (+ a b))
