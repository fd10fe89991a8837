--  Compile error: Ada does not mix Integer and Long_Long_Integer without a conversion.
with Ada.Text_IO;
procedure Sum is
   A : Long_Long_Integer := 1;
   B : Integer := 2;
begin
   Ada.Text_IO.Put_Line (Long_Long_Integer'Image (A + B));
end Sum;
