! Compile error: implicit none, and c is never declared.
program sum
  implicit none
  integer(8) :: a, b
  read (*, *) a, b
  c = a + b
  print '(I0)', c
end program sum
