(* Accepted: OCaml's int has 63 bits, too few for 8e18; Int64 has 64. *)
let () =
  Scanf.scanf " %Ld %Ld" (fun a b -> print_endline (Int64.to_string (Int64.add a b)))
