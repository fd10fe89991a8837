! Wrong answer: the default integer has 32 bits; 2000000000 + 2000000000 wraps around.
program sum
  implicit none
  integer :: a, b
  read (*, *) a, b
  print '(I0)', a + b
end program sum
