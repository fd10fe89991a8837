(* Compile error: + takes ints; Int64 values need Int64.add. *)
let () = Scanf.scanf " %Ld %Ld" (fun a b -> print_endline (Int64.to_string (a + b)))
