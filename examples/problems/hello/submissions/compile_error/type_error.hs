-- Compile error: a String is added to an Integer.
main :: IO ()
main = do
  [a, b] <- map read . words <$> getLine :: IO [Integer]
  print (a + b + "0")
