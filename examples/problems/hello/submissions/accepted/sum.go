// Accepted: reads a and b as int64 and prints a + b, which fits because |a + b| <= 8e18.
package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	var a, b int64
	reader := bufio.NewReader(os.Stdin)
	if _, err := fmt.Fscan(reader, &a, &b); err != nil {
		os.Exit(1)
	}
	fmt.Println(a + b)
}
