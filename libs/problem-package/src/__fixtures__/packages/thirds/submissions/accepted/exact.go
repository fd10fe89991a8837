// Go is not among problem.yaml's languages: judge verify skips it, judge run refuses it.
package main

import "fmt"

func main() {
	var n int
	fmt.Scan(&n)
	if n%3 == 0 {
		fmt.Println(n / 3)
	} else {
		fmt.Printf("%.10f\n", float64(n)/3)
	}
}
