--  Accepted: Long_Long_Integer has 64 bits, enough for |a + b| <= 8e18.
with Ada.Text_IO;
procedure Sum is
   package IO is new Ada.Text_IO.Integer_IO (Long_Long_Integer);
   A, B : Long_Long_Integer;
begin
   IO.Get (A);
   IO.Get (B);
   IO.Put (A + B, Width => 0);
   Ada.Text_IO.New_Line;
end Sum;
