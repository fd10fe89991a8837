(* Wrong answer: OCaml's int has 63 bits (up to 4.6e18): -4e18 + -4e18 wraps around. *)
let () = Scanf.scanf " %d %d" (fun a b -> print_int (a + b); print_newline ())
