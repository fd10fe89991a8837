--  Wrong answer: prints a - b instead of a + b (already wrong on the sample).
with Ada.Text_IO;
procedure Difference is
   package IO is new Ada.Text_IO.Integer_IO (Long_Long_Integer);
   A, B : Long_Long_Integer;
begin
   IO.Get (A);
   IO.Get (B);
   IO.Put (A - B, Width => 0);
   Ada.Text_IO.New_Line;
end Difference;
