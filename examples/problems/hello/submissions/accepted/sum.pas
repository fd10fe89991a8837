{ Accepted: Int64 holds a + b, since |a + b| <= 8e18. }
program Sum;
var
  a, b: Int64;
begin
  ReadLn(a, b);
  WriteLn(a + b);
end.
