// Compile error: the variable difference is declared but never used, which the Go compiler rejects.
package main

import "fmt"

func main() {
	var a, b int64
	fmt.Scan(&a, &b)
	difference := a - b
	fmt.Println(a + b)
}
