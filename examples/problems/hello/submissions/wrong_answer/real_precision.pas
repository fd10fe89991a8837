{ Wrong answer: Real (a double) has 53 bits of mantissa, too few for 18 digits: the last digits of a + b are lost. }
program Sum;
var
  a, b: Real;
begin
  ReadLn(a, b);
  WriteLn(a + b:0:0);
end.
