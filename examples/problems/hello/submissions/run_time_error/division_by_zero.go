// Run-time error: integer division by a zero computed at run time makes Go panic and exit with status 2.
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
	zero := a - a
	fmt.Println((a + b) / zero)
}
