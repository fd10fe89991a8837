! Accepted: 64-bit integers (kind int64) hold a + b, since |a + b| <= 8e18.
program sum
  use, intrinsic :: iso_fortran_env, only: int64
  implicit none
  integer(int64) :: a, b
  read (*, *) a, b
  print '(I0)', a + b
end program sum
